namespace KhoaGiao.Api.OpenApi;

/// <summary>
/// A type the API only sends, every property every time (null where it has no value), though its name does not end
/// in <c>Response</c>; see <see cref="ResponsePropertiesRequiredSchemaFilter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SentWholeAttribute : Attribute;
