using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EditorialWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_articles_published_at",
                table: "articles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_articles_status",
                table: "articles");

            migrationBuilder.AddColumn<Guid>(
                name: "author_id",
                table: "articles",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "article_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    actor_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changed_fields = table.Column<List<string>>(type: "text[]", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    content = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_article_revisions_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_articles_author_id",
                table: "articles",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_scheduled",
                table: "articles",
                column: "published_at",
                filter: "status = 'Scheduled'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_articles_published_at",
                table: "articles",
                sql: "status NOT IN ('Published', 'Scheduled') OR published_at IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_articles_status",
                table: "articles",
                sql: "status IN ('Draft', 'InReview', 'Scheduled', 'Published', 'Archived')");

            migrationBuilder.CreateIndex(
                name: "ix_article_revisions_article_id_number",
                table: "article_revisions",
                columns: new[] { "article_id", "number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_articles_users_author_id",
                table: "articles",
                column: "author_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_articles_users_author_id",
                table: "articles");

            migrationBuilder.DropTable(
                name: "article_revisions");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropIndex(
                name: "ix_articles_author_id",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_scheduled",
                table: "articles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_articles_published_at",
                table: "articles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_articles_status",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "author_id",
                table: "articles");

            migrationBuilder.AddCheckConstraint(
                name: "ck_articles_published_at",
                table: "articles",
                sql: "status <> 'Published' OR published_at IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_articles_status",
                table: "articles",
                sql: "status IN ('Draft', 'InReview', 'Published', 'Archived')");
        }
    }
}
