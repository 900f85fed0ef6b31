using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeLogAndSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_source_name_source_external_id",
                table: "articles");

            migrationBuilder.CreateSequence(
                name: "change_seq");

            migrationBuilder.AddColumn<string>(
                name: "source_key",
                table: "articles",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "requests_per_minute",
                table: "api_keys",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "change_log_horizon",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    xid = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    purged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_log_horizon", x => x.id);
                    table.CheckConstraint("ck_change_log_horizon_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    xid = table.Column<long>(type: "bigint", nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ever_public = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_changes", x => new { x.type, x.entity_id });
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    caller = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    e_tag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.caller, x.key });
                });

            // Existing rows get what the code now keeps: the folded source name (VietnameseText.Fold for the letters
            // of Vietnamese, in SQL), and one change row per item, so the feed read from the start is a full snapshot.
            migrationBuilder.Sql("""
                UPDATE articles SET source_key = NULLIF(regexp_replace(btrim(translate(lower(normalize(source_name, NFC)), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴđĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyydd')), '\\s+', ' ', 'g'), '')
                WHERE source_name IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT 'Article', id, nextval('change_seq'), pg_current_xact_id()::text::bigint, slug,
                       CASE WHEN status = 'Published' AND published_at <= now() THEN 'Public' ELSE 'Hidden' END,
                       status = 'Published' AND published_at <= now(), updated_at
                FROM articles ORDER BY updated_at, id;
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT 'Event', id, nextval('change_seq'), pg_current_xact_id()::text::bigint, slug,
                       CASE WHEN status = 'Published' THEN 'Public' ELSE 'Hidden' END, status = 'Published', updated_at
                FROM events ORDER BY updated_at, id;
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT 'Person', p.id, nextval('change_seq'), pg_current_xact_id()::text::bigint, NULL,
                       CASE WHEN pub.public THEN 'Public' ELSE 'Hidden' END, pub.public, p.updated_at
                FROM people p
                CROSS JOIN LATERAL (SELECT EXISTS (
                    SELECT 1 FROM participations x JOIN events e ON e.id = x.event_id
                    WHERE x.person_id = p.id AND e.status = 'Published') AS public) pub
                ORDER BY p.updated_at, p.id;
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT 'Organisation', id, nextval('change_seq'), pg_current_xact_id()::text::bigint, NULL, 'Public', true, updated_at
                FROM organisations ORDER BY updated_at, id;
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT 'Category', id, nextval('change_seq'), pg_current_xact_id()::text::bigint, slug, 'Public', true, now()
                FROM categories ORDER BY id;
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT 'Tag', id, nextval('change_seq'), pg_current_xact_id()::text::bigint, slug, 'Public', true, now()
                FROM tags ORDER BY id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_articles_source_key_source_external_id",
                table: "articles",
                columns: new[] { "source_key", "source_external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_changes_tombstones",
                table: "changes",
                column: "changed_at",
                filter: "state = 'Deleted'");

            migrationBuilder.CreateIndex(
                name: "ix_changes_xid_seq",
                table: "changes",
                columns: new[] { "xid", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_log_horizon");

            migrationBuilder.DropTable(
                name: "changes");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropIndex(
                name: "ix_articles_source_key_source_external_id",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "source_key",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "requests_per_minute",
                table: "api_keys");

            migrationBuilder.DropSequence(
                name: "change_seq");

            migrationBuilder.CreateIndex(
                name: "ix_articles_source_name_source_external_id",
                table: "articles",
                columns: new[] { "source_name", "source_external_id" },
                unique: true);
        }
    }
}
