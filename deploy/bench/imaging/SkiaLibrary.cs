using System.Reflection;
using SkiaSharp;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// Skia through SkiaSharp: one decode of the first frame at the smallest scale the codec offers that still covers the
/// largest width (libjpeg-turbo scales by n/8 while decoding, libwebp by any factor); the largest rendition is drawn
/// from it upright (EXIF orientation as a canvas transform) and scaled in one draw, each smaller one from the one
/// before, so no step shrinks by more than about 2× under the cubic filter's four taps.
/// </summary>
public sealed class SkiaLibrary : IImagingLibrary
{
    private static readonly SKSamplingOptions Cubic = new(SKCubicResampler.Mitchell);
    private static readonly SKWebpEncoderOptions WebP = new(SKWebpEncoderCompression.Lossy, 80);
    private static readonly SKJpegEncoderOptions Jpeg = new(82, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);

    public string Name => "SkiaSharp";

    public string Version =>
        $"SkiaSharp {typeof(SKCodec).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]}, " +
        $"Skia milestone {SkiaSharpVersion.Native.Major} (SkiaSharp.NativeAssets.Linux.NoDependencies)";

    public string Licence =>
        "MIT (SkiaSharp); Skia BSD-3-Clause, and what libSkiaSharp.so links in statically (libjpeg-turbo, libwebp, " +
        "libpng, zlib, FreeType, HarfBuzz, expat, ICU, …) under BSD, MIT, zlib, Apache-2.0, FTL and ICU licences (its THIRD-PARTY-NOTICES.txt)";

    public string Settings =>
        "SKCodec header; one decode of frame 0 at GetScaledDimensions(largest width ÷ upright width) when that covers " +
        "the largest width, RGBA 8888, no colour space (no conversion, no ICC written); orientation and resize in one " +
        "canvas draw with Mitchell cubic sampling, each smaller width from the one before; WebP lossy quality 80 " +
        "(libwebp method 3, Skia's fixed choice); JPEG quality 82 4:2:0 after drawing on white when there is alpha; " +
        "one thread";

    public ImageHeader? ReadHeader(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : new ImageHeader(codec.Info.Width, codec.Info.Height, (int)codec.EncodedOrigin, codec.FrameCount);
    }

    public string Identify(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return codec?.EncodedFormat.ToString() ?? "none";
    }

    public IReadOnlyList<Rendition> Render(byte[] bytes, ImageHeader header, IReadOnlyList<int> widths)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidOperationException("the header was read but no codec opens the bytes");
        var size = codec.GetScaledDimensions((float)widths[0] / header.DisplayWidth);
        if ((header.Transposed ? size.Height : size.Width) < widths[0])
        {
            size = codec.Info.Size;
        }
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha);
        var current = new SKBitmap(info);
        var result = codec.GetPixels(info, current.GetPixels(), new SKCodecOptions(0));
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            current.Dispose();
            throw new InvalidOperationException($"decoding failed: {result}");
        }

        var renditions = new List<Rendition>(widths.Count * 2);
        var orientation = (SKEncodedOrigin)header.Orientation;
        try
        {
            foreach (var width in widths)
            {
                var next = Draw(current, orientation, width, header.HeightFor(width), alpha);
                current.Dispose();
                current = next;
                orientation = SKEncodedOrigin.TopLeft;
                renditions.Add(new Rendition(current.Width, current.Height, "webp", EncodeWebP(current)));
                renditions.Add(new Rendition(current.Width, current.Height, "jpeg", EncodeJpeg(current)));
            }
        }
        finally
        {
            current.Dispose();
        }
        return renditions;
    }

    public (byte Red, byte Green, byte Blue) PixelAt(byte[] encoded, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        var pixel = bitmap.GetPixel(x, y);
        return (pixel.Red, pixel.Green, pixel.Blue);
    }

    /// <summary>The source drawn upright and scaled into width × height (orientation as in SkEncodedOriginToMatrix).</summary>
    private static SKBitmap Draw(SKBitmap source, SKEncodedOrigin orientation, int width, int height, SKAlphaType alpha)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alpha));
        using var canvas = new SKCanvas(target);
        var (w, h) = (source.Width, source.Height);
        var transposed = orientation >= SKEncodedOrigin.LeftTop;
        canvas.Scale((float)width / (transposed ? h : w), (float)height / (transposed ? w : h));
        canvas.Concat(orientation switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        });
        source.SetImmutable();
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, Cubic, null);
        return target;
    }

    private static byte[] EncodeWebP(SKBitmap bitmap)
    {
        using var pixels = bitmap.PeekPixels();
        using var encoded = pixels.Encode(WebP) ?? throw new InvalidOperationException("the WebP encoder failed");
        return encoded.ToArray();
    }

    /// <summary>An image with alpha is drawn on white first: Skia's JPEG encoder drops the alpha and shows the colour under it.</summary>
    private static byte[] EncodeJpeg(SKBitmap bitmap)
    {
        if (bitmap.AlphaType == SKAlphaType.Opaque)
        {
            using var pixels = bitmap.PeekPixels();
            using var encoded = pixels.Encode(Jpeg) ?? throw new InvalidOperationException("the JPEG encoder failed");
            return encoded.ToArray();
        }
        using var flat = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            bitmap.SetImmutable();
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, null);
        }
        using var flatPixels = flat.PeekPixels();
        using var flattened = flatPixels.Encode(Jpeg) ?? throw new InvalidOperationException("the JPEG encoder failed");
        return flattened.ToArray();
    }
}
