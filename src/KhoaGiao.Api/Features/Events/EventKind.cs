namespace KhoaGiao.Api.Features.Events;

/// <summary>What kind of meeting an event is. The API shows each with its Vietnamese label.</summary>
public enum EventKind
{
    /// <summary>Tọa đàm (round-table discussion).</summary>
    ToaDam,

    /// <summary>Hội nghị (conference, meeting).</summary>
    HoiNghi,

    /// <summary>Hội thảo (seminar, workshop).</summary>
    HoiThao,

    /// <summary>Lễ (ceremony, e.g. lễ phát động).</summary>
    Le,

    /// <summary>Khác (anything else).</summary>
    Khac,
}
