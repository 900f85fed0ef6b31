namespace KhoaGiao.Api.Text;

/// <summary>Picks the first free slug of <c>slug</c>, <c>slug-2</c>, <c>slug-3</c>… given those already taken.</summary>
public static class UniqueSlugs
{
    public static string FirstFree(string slug, IReadOnlySet<string> taken)
    {
        var number = 1;
        while (taken.Contains(SlugGenerator.WithSuffix(slug, number)))
        {
            number++;
        }

        return SlugGenerator.WithSuffix(slug, number);
    }

    /// <summary>
    /// The bounds of the slugs that start like the numbered variants of this one (<c>slug-</c> up to but not including
    /// <c>slug.</c>, in ordinal order), for the query of taken ones.
    /// </summary>
    public static (string From, string To) VariantRange(string slug)
    {
        var prefix = SlugGenerator.WithSuffix(slug, 2)[..^1];
        return (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
    }
}
