using System.Net.Http.Json;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Features.Events;

/// <summary>
/// An event's cap of participations holds when the last places are taken through two instances at once: each add
/// counts under the event's row lock, in the database both instances share.
/// </summary>
public sealed class ParticipationCapAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task Two_instances_adding_the_last_place_at_once_fill_it_once_and_refuse_the_other()
    {
        using var admin = Admin();
        var eventId = Id(await CreateEventAsync(admin, "Hội nghị toàn tỉnh đông người"));
        var now = DateTimeOffset.UtcNow;
        await QueryAsync(async db =>
        {
            var roles = Enum.GetValues<ParticipationRole>();
            for (var taken = 0; taken < Event.MaxParticipations - 1;)
            {
                var person = new Person { CreatedAt = now, UpdatedAt = now };
                person.Rename($"Đại biểu {taken}");
                db.People.Add(person);
                foreach (var role in roles.Take(Event.MaxParticipations - 1 - taken))
                {
                    db.Participations.Add(new Participation { EventId = eventId, PersonId = person.Id, Role = role });
                    taken++;
                }
            }

            return await db.SaveChangesAsync();
        });
        var first = Id(await CreatePersonAsync(admin, "Đại biểu qua máy A"));
        var second = Id(await CreatePersonAsync(admin, "Đại biểu qua máy B"));
        using var onB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);

        // Hold the event's row while both requests start, so both are in flight together when it is released: without
        // the lock each add takes before counting, both would count the 499 and both insert.
        HttpResponseMessage[] answers;
        await using (var holder = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM events WHERE id = @id FOR UPDATE", holder, hold))
            {
                lockRow.Parameters.AddWithValue("id", eventId);
                await lockRow.ExecuteNonQueryAsync();
            }

            var adding = Task.WhenAll(
                admin.PostAsJsonAsync($"/api/v1/admin/events/{eventId}/participations", new { personId = first, role = "du" }),
                onB.PostAsJsonAsync($"/api/v1/admin/events/{eventId}/participations", new { personId = second, role = "du" }));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.That(adding.IsCompleted, Is.False, "both adds wait for the event's row");
            await hold.CommitAsync();
            answers = await adding;
        }

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => (int)a.StatusCode), Is.EquivalentTo(new[] { 201, 409 }));
            Assert.That(await QueryAsync(db => db.Participations.CountAsync(x => x.EventId == eventId)), Is.EqualTo(Event.MaxParticipations));
        });
    }
}
