using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Organisations;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Data.Demo;

/// <summary>
/// The event the seed page reports: a tọa đàm held by BTG Tỉnh ủy on the afternoon of 16 August (2023 assumed;
/// 14:00 assumed for "Chiều"), with its three named participants, their titles as printed and what each did.
/// Each part is looked up before it is added, so seeding twice adds nothing.
/// </summary>
public sealed class DemoEventSeeder(KhoaGiaoDbContext db, TimeProvider clock)
{
    public const string EventSlug = "toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam";

    private static readonly DateTimeOffset StartsAt = new(2023, 8, 16, 14, 0, 0, TimeSpan.FromHours(7));

    private sealed record DemoParticipant(string FullName, string Title, string Organisation, (ParticipationRole Role, int Order)[] Roles);

    private static readonly DemoParticipant[] Participants =
    [
        new("Đinh Thị Lụa", "Phó Bí thư Thường trực Tỉnh ủy", "Tỉnh ủy Hà Nam",
            [(ParticipationRole.PhatBieuChiDao, 1), (ParticipationRole.Du, 1)]),
        new("Lê Thị Thanh Hà", "Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy Hà Nam",
            [(ParticipationRole.ChuTri, 1), (ParticipationRole.PhatBieuKetLuan, 1)]),
        new("Nguyễn Hải Long", "Tỉnh ủy viên, Phó Ban Thường trực BTG Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy Hà Nam",
            [(ParticipationRole.ChuTri, 2)]),
    ];

    /// <summary>Seeds what is missing and returns the event's id.</summary>
    public async Task<Guid> SeedAsync(string title, CancellationToken cancellationToken)
    {
        var province = await OrganisationAsync("Tỉnh ủy Hà Nam", null, null, cancellationToken);
        var department = await OrganisationAsync("Ban Tuyên giáo Tỉnh ủy Hà Nam", "BTG Tỉnh ủy", province.Id, cancellationToken);
        var organisations = new Dictionary<string, Guid> { [province.Name] = province.Id, [department.Name] = department.Id };

        var entity = await db.Events.FirstOrDefaultAsync(e => e.Slug == EventSlug, cancellationToken);
        if (entity is null)
        {
            entity = new Event
            {
                Slug = EventSlug,
                Kind = EventKind.ToaDam,
                Title = title,
                OrganiserId = department.Id,
                StartsAt = StartsAt.ToUniversalTime(),
                CreatedAt = clock.GetUtcNow(),
                UpdatedAt = clock.GetUtcNow(),
            };
            entity.Publish(clock.GetUtcNow());
            db.Events.Add(entity);
        }

        foreach (var participant in Participants)
        {
            var person = await PersonAsync(participant, organisations[participant.Organisation], cancellationToken);
            foreach (var (role, order) in participant.Roles)
            {
                if (!await db.Participations.AnyAsync(p => p.EventId == entity.Id && p.PersonId == person.Id && p.Role == role, cancellationToken))
                {
                    db.Participations.Add(new Participation
                    {
                        EventId = entity.Id,
                        PersonId = person.Id,
                        Role = role,
                        TitleAtEvent = participant.Title,
                        DisplayOrder = order,
                    });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return entity.Id;
    }

    private async Task<Organisation> OrganisationAsync(string name, string? shortName, Guid? parentId, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Name == name, cancellationToken);
        if (organisation is null)
        {
            organisation = new Organisation { Name = name, ShortName = shortName, ParentId = parentId, CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(cancellationToken);
        }

        return organisation;
    }

    private async Task<Person> PersonAsync(DemoParticipant participant, Guid organisationId, CancellationToken cancellationToken)
    {
        var searchName = Features.Search.SearchFolding.Fold(participant.FullName);
        var person = await db.People.FirstOrDefaultAsync(p => p.SearchName == searchName, cancellationToken);
        if (person is null)
        {
            person = new Person { CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
            person.Rename(participant.FullName);
            person.Positions.Add(new PersonPosition { PersonId = person.Id, Title = participant.Title, OrganisationId = organisationId });
            db.People.Add(person);
            await db.SaveChangesAsync(cancellationToken);
        }

        return person;
    }
}
