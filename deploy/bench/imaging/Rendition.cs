namespace KhoaGiao.Bench.Imaging;

/// <summary>One encoded rendition: "webp" or "jpeg", at the size the library says it made.</summary>
public sealed record Rendition(int Width, int Height, string Format, byte[] Bytes);
