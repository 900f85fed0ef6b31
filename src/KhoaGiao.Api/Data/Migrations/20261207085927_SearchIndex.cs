using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KhoaGiao.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "search_text",
                table: "articles");

            // Search folding as Features/Search/SearchFolding defines it: marks dropped from the decomposed text, then a
            // short table. The table of migration SearchFolding did the same for the precomposed Latin letters, but
            // translate() looks every character up in its table, a 517-letter one took 8 ms for a 6 KB body.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION khoagiao_fold(text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT translate(regexp_replace(normalize($1, NFD), '[\u0300-\u036f]+', '', 'g'),
                    'ABCDEFGHIJKLMNOPQRSTUVWXYZyđĐ', 'abcdefghijklmnopqrstuvwxizidd') $$;

                -- Features/Search/SearchText.Separators: characters the text-search parser could keep inside a word.
                CREATE FUNCTION khoagiao_words(text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT translate($1, E'.:/@_-+~\u201C\u201D\u2018\u2019\u00AB\u00BB\u2026\u2013\u2014\u00A0', '                  ') $$;

                -- Features/Search/SearchText.Exact: lower case, marks kept, the tone of oa, oe and uy on the first vowel.
                CREATE FUNCTION khoagiao_exact(text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT normalize(regexp_replace(
                    translate(normalize($1, NFD), 'ABCDEFGHIJKLMNOPQRSTUVWXYZĐ', 'abcdefghijklmnopqrstuvwxyzđ'),
                    '([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])', '\1\3\2', 'g'), NFC) $$;

                -- The folded words of a text, with their positions (for phrases) under one weight.
                CREATE FUNCTION khoagiao_text_vector(text, "char") RETURNS tsvector
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT setweight(to_tsvector('pg_catalog.simple', khoagiao_fold(khoagiao_words($1))), $2) $$;

                -- The folded words of an HTML body, without positions (a third of the size): the parser skips tags and
                -- entities, and only the distinct words are folded.
                CREATE FUNCTION khoagiao_body_vector(text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT array_to_tsvector(array_remove(string_to_array(khoagiao_fold(khoagiao_words(
                    array_to_string(tsvector_to_array(to_tsvector('pg_catalog.simple', $1)), ' '))), ' '), '')) $$;

                -- The words with their marks, without positions.
                CREATE FUNCTION khoagiao_exact_vector(text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT strip(to_tsvector('pg_catalog.simple', khoagiao_exact(khoagiao_words($1)))) $$;
                """);

            // The index columns are kept by triggers, not generated: a trigger runs only when the text it reads is
            // written (UPDATE OF), so publishing or featuring an article does not parse its body again. The service does
            // not map them; search reads them in SQL of its own.
            migrationBuilder.Sql("""
                ALTER TABLE articles ADD COLUMN search_vector tsvector NOT NULL DEFAULT '',
                    ADD COLUMN search_head tsvector NOT NULL DEFAULT '', ADD COLUMN search_exact tsvector NOT NULL DEFAULT '';
                CREATE FUNCTION khoagiao_articles_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.search_head := khoagiao_text_vector(NEW.title, 'A') || khoagiao_text_vector(coalesce(NEW.summary, ''), 'B');
                    NEW.search_vector := NEW.search_head || khoagiao_body_vector(NEW.body);
                    NEW.search_exact := khoagiao_exact_vector(NEW.title || ' ' || coalesce(NEW.summary, ''));
                    RETURN NEW;
                END $$;
                CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF title, summary, body ON articles
                    FOR EACH ROW EXECUTE FUNCTION khoagiao_articles_search();
                UPDATE articles SET title = title;
                CREATE INDEX ix_articles_search ON articles USING gin (search_vector);
                -- SearchStatistics reads how common each word is from the column's statistics: 10,000 words, not 1,000.
                ALTER TABLE articles ALTER COLUMN search_vector SET STATISTICS 1000;

                ALTER TABLE events ADD COLUMN search_vector tsvector NOT NULL DEFAULT '',
                    ADD COLUMN search_exact tsvector NOT NULL DEFAULT '';
                CREATE FUNCTION khoagiao_events_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.search_vector := khoagiao_text_vector(NEW.title, 'A')
                        || khoagiao_text_vector(coalesce(NEW.summary, '') || ' ' || coalesce(NEW.location, ''), 'B');
                    NEW.search_exact := khoagiao_exact_vector(NEW.title || ' ' || coalesce(NEW.summary, ''));
                    RETURN NEW;
                END $$;
                CREATE TRIGGER events_search BEFORE INSERT OR UPDATE OF title, summary, location ON events
                    FOR EACH ROW EXECUTE FUNCTION khoagiao_events_search();
                UPDATE events SET title = title;
                CREATE INDEX ix_events_search ON events USING gin (search_vector);

                ALTER TABLE people ADD COLUMN search_vector tsvector NOT NULL DEFAULT '',
                    ADD COLUMN search_exact tsvector NOT NULL DEFAULT '';
                CREATE FUNCTION khoagiao_people_search() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.search_vector := khoagiao_text_vector(NEW.full_name, 'A');
                    NEW.search_exact := khoagiao_exact_vector(NEW.full_name);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER people_search BEFORE INSERT OR UPDATE OF full_name ON people
                    FOR EACH ROW EXECUTE FUNCTION khoagiao_people_search();
                UPDATE people SET full_name = full_name, search_name = khoagiao_fold(full_name);
                CREATE INDEX ix_people_search ON people USING gin (search_vector);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER people_search ON people;
                DROP TRIGGER events_search ON events;
                DROP TRIGGER articles_search ON articles;
                DROP FUNCTION khoagiao_people_search(), khoagiao_events_search(), khoagiao_articles_search();
                ALTER TABLE people DROP COLUMN search_vector, DROP COLUMN search_exact;
                ALTER TABLE events DROP COLUMN search_vector, DROP COLUMN search_exact;
                ALTER TABLE articles DROP COLUMN search_vector, DROP COLUMN search_head, DROP COLUMN search_exact;
                DROP FUNCTION khoagiao_exact_vector(text), khoagiao_body_vector(text), khoagiao_text_vector(text, "char"),
                    khoagiao_exact(text), khoagiao_words(text);
                """);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "articles",
                type: "character varying(2301)",
                maxLength: 2301,
                nullable: false,
                defaultValue: "");

            // Back to the table of migration SearchFolding.
            migrationBuilder.Sql(SearchFolding.Function);
            migrationBuilder.Sql("""
                UPDATE articles SET search_text = khoagiao_fold(title || ' ' || coalesce(summary, ''));
                UPDATE people SET search_name = khoagiao_fold(full_name);
                """);
        }
    }
}
