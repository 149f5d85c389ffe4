-- Trigrams cannot serve a search of one or two characters (a surname such as 王, a given name such as
-- 明): such searches read every person. Index the set of characters of name and employee number
-- instead; a short search first asks for people whose characters include the query's, which the GIN
-- index answers, then checks the substring as before. (people_search_chars in people.repository.ts.)
CREATE INDEX people_search_chars_idx ON people USING gin (regexp_split_to_array(lower(name || ' ' || employee_no), ''));
