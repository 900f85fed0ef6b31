namespace KhoaGiao.Api.Features.Events;

/// <summary>The Vietnamese labels of event kinds and participation roles, as portals print them.</summary>
public static class EventLabels
{
    /// <summary>Every kind's label, for the document.</summary>
    public static IReadOnlyList<string> KindLabels => [.. Enum.GetValues<EventKind>().Select(Of)];

    /// <summary>Every role's label, for the document.</summary>
    public static IReadOnlyList<string> RoleLabels => [.. Enum.GetValues<ParticipationRole>().Select(Of)];

    public static string Of(EventKind kind) => kind switch
    {
        EventKind.ToaDam => "Tọa đàm",
        EventKind.HoiNghi => "Hội nghị",
        EventKind.HoiThao => "Hội thảo",
        EventKind.Le => "Lễ",
        _ => "Khác",
    };

    public static string Of(ParticipationRole role) => role switch
    {
        ParticipationRole.ChuTri => "Chủ trì",
        ParticipationRole.PhatBieuChiDao => "Phát biểu chỉ đạo",
        ParticipationRole.ThamLuan => "Tham luận",
        ParticipationRole.PhatBieuKetLuan => "Phát biểu kết luận",
        _ => "Dự",
    };
}
