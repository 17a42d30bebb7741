package org.modux.usr.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** getopt_long as the kmod tools use it: permuted operands, clusters, attached and separate arguments. */
class GetoptTest {

    private static final List<Getopt.Option> OPTIONS = List.of(Getopt.opt('n', "dry-run"), Getopt.opt('v', "verbose"),
            Getopt.arg('F', "field"), Getopt.opt((char) 3, "first-time"));

    private static String found(Getopt g) {
        StringBuilder s = new StringBuilder();
        for (Getopt.Found f : g.found) {
            s.append(f.option().longName()).append(f.arg() == null ? "" : "=" + f.arg()).append(' ');
        }
        return s.toString().strip();
    }

    @Test
    void optionsAnywhereOperandsInOrder() {
        Getopt g = Getopt.parse("t", OPTIONS, "hello", "-nv", "x=1", "--first", "-Flicense", "--field", "name", "--",
                "-v");
        assertEquals("dry-run verbose first-time field=license field=name", found(g));
        assertEquals(List.of("hello", "x=1", "-v"), g.operands);
        g = Getopt.parse("t", OPTIONS, "-F", "alias", "--field=author", "-");
        assertEquals("field=alias field=author", found(g));
        assertEquals(List.of("-"), g.operands);
    }
}
