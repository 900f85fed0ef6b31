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

    /// <summary>The prefix every numbered variant of the slug starts with (<c>slug-</c>), for the query of taken ones.</summary>
    public static string VariantPrefix(string slug) => SlugGenerator.WithSuffix(slug, 2)[..^1];
}
