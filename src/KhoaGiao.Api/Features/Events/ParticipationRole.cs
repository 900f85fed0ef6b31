namespace KhoaGiao.Api.Features.Events;

/// <summary>What a participant did at an event, in the order an event page lists them.</summary>
public enum ParticipationRole
{
    /// <summary>Chủ trì (chaired).</summary>
    ChuTri,

    /// <summary>Phát biểu chỉ đạo (gave directing remarks).</summary>
    PhatBieuChiDao,

    /// <summary>Tham luận (presented a paper or spoke in discussion).</summary>
    ThamLuan,

    /// <summary>Phát biểu kết luận (gave the concluding remarks).</summary>
    PhatBieuKetLuan,

    /// <summary>Dự (attended).</summary>
    Du,
}
