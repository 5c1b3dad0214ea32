/// A model-versions manifest that cannot be used, with the field at fault (`versions[1].accuracy_pct`).
///
/// The same field-and-reason error as a profile's (``ProfileError``): one type, so that the
/// description (`field: reason`, or the reason alone for the whole document) is written once.
public typealias ModelVersionSetError = ProfileError
