using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleFeatured : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "featured",
                table: "articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "featured_order",
                table: "articles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "featured_until",
                table: "articles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_featured",
                table: "articles",
                column: "featured_order",
                filter: "featured");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_featured",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "featured",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "featured_order",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "featured_until",
                table: "articles");
        }
    }
}
