namespace KhoaGiao.Api.Features.Articles;

/// <summary>The editorial actions that move an article between statuses.</summary>
public enum ArticleAction
{
    /// <summary>Send a draft for review ("gửi duyệt").</summary>
    Submit,

    /// <summary>Publish now, or schedule for a future time ("xuất bản", "hẹn giờ").</summary>
    Publish,

    /// <summary>Send a submitted article back to its author, with a reason ("trả lại").</summary>
    Reject,

    /// <summary>Take a published, scheduled or archived article back to draft ("gỡ bài").</summary>
    Unpublish,

    /// <summary>Withdraw a published article from the public but keep it ("lưu trữ").</summary>
    Archive,
}
