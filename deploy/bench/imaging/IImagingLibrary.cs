namespace KhoaGiao.Bench.Imaging;

/// <summary>One of the imaging libraries compared: the steps of an upload's rendition job, each library's fast path.</summary>
public interface IImagingLibrary
{
    string Name { get; }

    /// <summary>Binding and native library versions, as loaded.</summary>
    string Version { get; }

    string Licence { get; }

    /// <summary>How the renditions are made and encoded, for the report.</summary>
    string Settings { get; }

    /// <summary>Dimensions, EXIF orientation and frame count from the header alone, without decoding pixels; null when the library cannot read the bytes.</summary>
    ImageHeader? ReadHeader(byte[] bytes);

    /// <summary>The type the library recognises from the bytes alone ("none" when it recognises none).</summary>
    string Identify(byte[] bytes);

    /// <summary>For each width (largest first, none above the oriented width): the image oriented upright, first frame, resized, then encoded as WebP and as JPEG (on white), every piece of metadata stripped.</summary>
    IReadOnlyList<Rendition> Render(byte[] bytes, ImageHeader header, IReadOnlyList<int> widths);

    /// <summary>The colour of one pixel of an encoded image, decoded by this library: for the content checks.</summary>
    (byte Red, byte Green, byte Blue) PixelAt(byte[] encoded, int x, int y);
}
