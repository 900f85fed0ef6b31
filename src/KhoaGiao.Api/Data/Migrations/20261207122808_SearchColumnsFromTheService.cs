using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchColumnsFromTheService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The columns exist (migration SearchIndex); the model now maps them (Features/Search/ArticleSearchColumns)
            // and the service writes them with the row, computed in C# (SearchVectors): parsing and folding a 6 KB body
            // cost PostgreSQL about 1 ms of every article write. The trigger still computes them for every other writer
            // (psql, a bulk load), and when a row's text is written without them.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION khoagiao_articles_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (TG_OP = 'INSERT' AND NEW.search_vector <> ''::tsvector)
                        OR (TG_OP = 'UPDATE' AND NEW.search_vector IS DISTINCT FROM OLD.search_vector) THEN
                        RETURN NEW;
                    END IF;
                    NEW.search_head := khoagiao_text_vector(NEW.title, 'A') || khoagiao_text_vector(coalesce(NEW.summary, ''), 'B');
                    NEW.search_vector := NEW.search_head || khoagiao_body_vector(NEW.body);
                    NEW.search_exact := khoagiao_exact_vector(NEW.title || ' ' || coalesce(NEW.summary, ''));
                    RETURN NEW;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION khoagiao_articles_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.search_head := khoagiao_text_vector(NEW.title, 'A') || khoagiao_text_vector(coalesce(NEW.summary, ''), 'B');
                    NEW.search_vector := NEW.search_head || khoagiao_body_vector(NEW.body);
                    NEW.search_exact := khoagiao_exact_vector(NEW.title || ' ' || coalesce(NEW.summary, ''));
                    RETURN NEW;
                END $$;
                """);
        }
    }
}
