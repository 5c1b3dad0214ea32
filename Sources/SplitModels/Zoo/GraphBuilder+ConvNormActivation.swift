extension GraphBuilder {
    /// torchvision's `Conv2dNormActivation`: a convolution without bias, batch norm, then an activation.
    ///
    /// The layers are named `prefix.0`, `prefix.1` and `prefix.2` as torchvision numbers the
    /// `Sequential`; padding is `(kernel - 1) / 2`, which keeps the size at stride 1. With no
    /// activation only the first two layers are added.
    mutating func convNormActivation(_ x: TensorSource, _ out: Int, kernel: Int, stride: Int = 1, groups: Int = 1,
                                     activation: Activation?, prefix: String) -> TensorSource {
        var y = conv(x, out, kernel: kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false,
                     name: "\(prefix).0")
        y = batchNorm(y, name: "\(prefix).1")
        if let activation {
            y = self.activation(activation, y, name: "\(prefix).2")
        }
        return y
    }
}
