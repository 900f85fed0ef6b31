namespace KhoaGiao.Api.Features.Events;

/// <summary>Whether the public may see an event.</summary>
public enum EventStatus
{
    /// <summary>Being prepared; invisible to the delivery API.</summary>
    Draft,

    /// <summary>Visible to the delivery API.</summary>
    Published,
}
