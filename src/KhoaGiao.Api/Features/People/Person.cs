using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.People;

/// <summary>Someone who takes part in events ("đại biểu", "đồng chí"), with the positions held over time.</summary>
public sealed class Person
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Full name in NFC ("Đinh Thị Lụa").</summary>
    public string FullName { get; private set; } = "";

    /// <summary>The name folded for search: lower case, no marks, <c>đ</c> → <c>d</c> ("dinh thi lua").</summary>
    public string SearchName { get; private set; } = "";

    public List<PersonPosition> Positions { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public void Rename(string fullName)
    {
        FullName = VietnameseText.Nfc(fullName.Trim());
        SearchName = Search.SearchFolding.Fold(FullName);
    }
}
