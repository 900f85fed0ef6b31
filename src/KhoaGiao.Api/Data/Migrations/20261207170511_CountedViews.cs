using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CountedViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "counted_views",
                columns: table => new
                {
                    visitor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counted_views", x => new { x.visitor_id, x.article_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_counted_views_counted_at",
                table: "counted_views",
                column: "counted_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counted_views");
        }
    }
}
