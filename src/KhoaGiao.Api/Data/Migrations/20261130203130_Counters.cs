using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Counters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "article_view_days",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    views = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_view_days", x => new { x.article_id, x.day });
                    table.CheckConstraint("ck_article_view_days_views", "views >= 0");
                    table.ForeignKey(
                        name: "fk_article_view_days_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_view_totals",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    views = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_view_totals", x => x.article_id);
                    table.CheckConstraint("ck_article_view_totals_views", "views >= 0");
                    table.ForeignKey(
                        name: "fk_article_view_totals_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "counter_flushes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    flushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counter_flushes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "daily_visits",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    visits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_visits", x => x.day);
                    table.CheckConstraint("ck_daily_visits_visits", "visits >= 0");
                });

            migrationBuilder.CreateTable(
                name: "visitor_activity",
                columns: table => new
                {
                    visitor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visitor_activity", x => x.visitor_id);
                });

            migrationBuilder.CreateTable(
                name: "visitor_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    visitor_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visitor_days", x => new { x.day, x.visitor_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_view_days_day",
                table: "article_view_days",
                column: "day");

            migrationBuilder.CreateIndex(
                name: "ix_counter_flushes_flushed_at",
                table: "counter_flushes",
                column: "flushed_at");

            migrationBuilder.CreateIndex(
                name: "ix_visitor_activity_last_seen_at",
                table: "visitor_activity",
                column: "last_seen_at");

            // View counts move out of the article row, so counting views no longer changes its version (ETag).
            migrationBuilder.Sql("INSERT INTO article_view_totals (article_id, views) SELECT id, view_count FROM articles WHERE view_count > 0;");

            migrationBuilder.DropCheckConstraint(
                name: "ck_articles_view_count",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "view_count",
                table: "articles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_view_days");

            migrationBuilder.DropTable(
                name: "article_view_totals");

            migrationBuilder.DropTable(
                name: "counter_flushes");

            migrationBuilder.DropTable(
                name: "daily_visits");

            migrationBuilder.DropTable(
                name: "visitor_activity");

            migrationBuilder.DropTable(
                name: "visitor_days");

            migrationBuilder.AddColumn<long>(
                name: "view_count",
                table: "articles",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_articles_view_count",
                table: "articles",
                sql: "view_count >= 0");
        }
    }
}
