import SplitModels

/// A convolution's window in the general form XNNPACK takes: kernel, stride and dilation per axis,
/// padding per side.
///
/// The one place the engine reads `Convolution`'s hyper-parameters, so square zoo convolutions and
/// the rectangular, dilated, asymmetrically padded ones a model file may hold build the same way.
struct ConvolutionWindow: Hashable, Sendable {
    var kernelHeight: Int
    var kernelWidth: Int
    var strideHeight: Int
    var strideWidth: Int
    var dilationHeight: Int
    var dilationWidth: Int
    var padTop: Int
    var padLeft: Int
    var padBottom: Int
    var padRight: Int

    init(_ c: Convolution) {
        (kernelHeight, kernelWidth) = (c.kernelHeight, c.kernelWidth)
        (strideHeight, strideWidth) = (c.strideHeight, c.strideWidth)
        (dilationHeight, dilationWidth) = (c.dilationHeight, c.dilationWidth)
        (padTop, padLeft, padBottom, padRight) = (c.padding.top, c.padding.left, c.padding.bottom, c.padding.right)
    }
}
