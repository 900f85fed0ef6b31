using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class MediaLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "cover_image_id",
                table: "events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "cover_image_id",
                table: "articles",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "media_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    alt = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    caption = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    credit = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_text = table.Column<string>(type: "character varying(3058)", maxLength: 3058, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_items", x => x.id);
                    table.CheckConstraint("ck_media_items_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.CheckConstraint("ck_media_items_size", "width > 0 AND height > 0 AND bytes > 0");
                });

            migrationBuilder.CreateTable(
                name: "article_figures",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    media_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_figures", x => new { x.article_id, x.media_id });
                    table.ForeignKey(
                        name: "fk_article_figures_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_figures_media_items_media_id",
                        column: x => x.media_id,
                        principalTable: "media_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_cover_image_id",
                table: "events",
                column: "cover_image_id");

            migrationBuilder.CreateIndex(
                name: "ix_articles_cover_image_id",
                table: "articles",
                column: "cover_image_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_articles_one_cover",
                table: "articles",
                sql: "cover_image_url IS NULL OR cover_image_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_article_figures_media_id",
                table: "article_figures",
                column: "media_id");

            migrationBuilder.CreateIndex(
                name: "ix_media_items_created_at_id",
                table: "media_items",
                columns: new[] { "created_at", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_articles_media_items_cover_image_id",
                table: "articles",
                column: "cover_image_id",
                principalTable: "media_items",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_events_media_items_cover_image_id",
                table: "events",
                column: "cover_image_id",
                principalTable: "media_items",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_articles_media_items_cover_image_id",
                table: "articles");

            migrationBuilder.DropForeignKey(
                name: "fk_events_media_items_cover_image_id",
                table: "events");

            migrationBuilder.DropTable(
                name: "article_figures");

            migrationBuilder.DropTable(
                name: "media_items");

            migrationBuilder.DropIndex(
                name: "ix_events_cover_image_id",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_articles_cover_image_id",
                table: "articles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_articles_one_cover",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "cover_image_id",
                table: "events");

            migrationBuilder.DropColumn(
                name: "cover_image_id",
                table: "articles");
        }
    }
}
