import SplitModels
import SplitSession

extension SessionHeader {
    /// `profile`, the header's profile of the version named `version` (nil: the header's model,
    /// which in a fleet's recording is the first version's), with device `id`'s own layer times:
    /// those its `devices` entry records (since 1.4), else, for an older fleet recording, scaled
    /// by the ratio of speeds (``deviceTimeScale(of:)``, approximate); unchanged for a stream of
    /// one device.
    func deviceProfile(_ profile: ModelProfile, version: String?, of id: String?) -> ModelProfile {
        guard let id, let member = devices.first(where: { $0.device == id }) else { return profile }
        if let name = version ?? versions.first?.name, let times = member.layerDeviceMs[name], times.count == profile.layers.count {
            var own = profile
            for i in own.layers.indices { own.layers[i].deviceMs = times[i] }
            return own
        }
        return ModelProfile.deviceTimes(of: profile, scaledBy: deviceTimeScale(of: id))
    }

    /// How much longer than the header's profiles the device `id` computes: in a fleet's recording
    /// the versions' profiles are the first device's, so another device's times are scaled by
    /// the ratio of the two speeds (exact for compute-bound layers, the roofline's rule at these
    /// speeds, but not for the rest: a recording that lists each device's own layer times is read
    /// by ``deviceProfile(_:version:of:)``); 1 for a stream of one device or when a speed is not recorded.
    func deviceTimeScale(of id: String?) -> Double {
        guard let id, let first = devices.first?.gmacsPerSecond, let own = devices.first(where: { $0.device == id })?.gmacsPerSecond,
              first > 0, own > 0 else { return 1 }
        let scale = first / own
        return scale.isFinite && scale > 0 ? scale : 1
    }
}

extension ModelProfile {
    /// The profile with every layer's device time multiplied by `factor` (1: unchanged).
    static func deviceTimes(of profile: ModelProfile, scaledBy factor: Double) -> ModelProfile {
        guard factor != 1 else { return profile }
        var scaled = profile
        for i in scaled.layers.indices { scaled.layers[i].deviceMs *= factor }
        return scaled
    }
}
