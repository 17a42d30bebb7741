package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.usr.kmod.OsgiHeader.Clause;

/** The OSGi header grammar as bnd writes Import-Package, Require-Capability and Provide-Capability. */
class OsgiHeaderTest {

    @Test
    void clausesAttributesAndDirectives() {
        List<Clause> c = OsgiHeader.parse("java.lang,org.modux.kernel.printk;version=\"[1.1,2)\","
                + "org.example.a;org.example.b;resolution:=optional");
        assertEquals(List.of("java.lang", "org.modux.kernel.printk", "org.example.a", "org.example.b"),
                c.stream().map(Clause::name).toList());
        assertEquals("[1.1,2)", c.get(1).attribute("version"));
        assertEquals("optional", c.get(2).directive("resolution"));
        assertEquals("optional", c.get(3).directive("resolution"));
    }

    @Test
    void typedAttributesAndQuotedFilters() {
        List<Clause> c = OsgiHeader.parse("osgi.service;objectClass:List<String>=\"org.a.X,org.a.Y\";uses:=\"org.a\","
                + "osgi.service;effective:=active;filter:=\"(objectClass=org.b.Z)\"");
        assertEquals("org.a.X,org.a.Y", c.get(0).attribute("objectClass"));
        assertEquals("(objectClass=org.b.Z)", c.get(1).directive("filter"));
        assertEquals(List.of(), OsgiHeader.parse(null));
    }
}
