package org.modux.usr.kmod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OSGi manifest header split into clauses (OSGi Core, 3.2.4 "Common Header
 * Syntax"): clauses separated by ',', each one or more names followed by
 * {@code ;key=value} attributes (an attribute may carry a type,
 * {@code objectClass:List<String>="a,b"}) and {@code ;key:=value} directives,
 * values optionally in double quotes. A clause naming several paths
 * ({@code a;b;version=1}) becomes one clause per name.
 */
public final class OsgiHeader {

    /** One clause: a name, its attributes (type suffix dropped) and its directives. */
    public record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {

        public String attribute(String key) {
            return attributes.get(key);
        }

        public String directive(String key) {
            return directives.get(key);
        }
    }

    private OsgiHeader() {
    }

    /** The clauses of {@code header}; none for a null or blank header. */
    public static List<Clause> parse(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<Clause> clauses = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attrs = new LinkedHashMap<>();
            Map<String, String> dirs = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.strip();
                int eq = indexOutsideQuotes(p, '=');
                if (eq < 0) {
                    if (!p.isEmpty()) {
                        names.add(unquote(p));
                    }
                } else if (eq > 0 && p.charAt(eq - 1) == ':') {
                    dirs.put(p.substring(0, eq - 1).strip(), unquote(p.substring(eq + 1).strip()));
                } else {
                    String key = p.substring(0, eq).strip();
                    int colon = key.indexOf(':');
                    attrs.put(colon < 0 ? key : key.substring(0, colon).strip(), unquote(p.substring(eq + 1).strip()));
                }
            }
            for (String n : names) {
                clauses.add(new Clause(n, Collections.unmodifiableMap(attrs), Collections.unmodifiableMap(dirs)));
            }
        }
        return clauses;
    }

    /** Splits at {@code sep} outside double quotes; a backslash quotes the next character inside them. */
    static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int indexOutsideQuotes(String s, char c) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < s.length() - 1; i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() - 1) {
                    c = s.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return s;
    }
}
