namespace KhoaGiao.Api.Features.Sync;

/// <summary>The kinds of item the change log follows.</summary>
public enum ChangeType
{
    Article,
    Event,
    Person,
    Organisation,
    Category,
    Tag,
    Media,
}
