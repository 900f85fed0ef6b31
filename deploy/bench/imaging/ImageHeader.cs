namespace KhoaGiao.Bench.Imaging;

/// <summary>What an image's header says: stored dimensions, EXIF orientation (1–8, 1 when absent) and frames.</summary>
public sealed record ImageHeader(int Width, int Height, int Orientation, int Frames)
{
    /// <summary>Orientations 5–8 turn the image a quarter: width and height swap once it is upright.</summary>
    public bool Transposed => Orientation >= 5;

    public int DisplayWidth => Transposed ? Height : Width;

    public int DisplayHeight => Transposed ? Width : Height;

    public long Pixels => (long)Width * Height;

    /// <summary>A rendition's height for a width, the way libvips rounds it.</summary>
    public int HeightFor(int width) => (int)Math.Round((double)DisplayHeight * width / DisplayWidth, MidpointRounding.AwayFromZero);
}
