package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A module jar read as modinfo and depmod read it: headers, symbols and Metatype parameters. */
class ModuleFileTest {

    static final String ADS = ""
            + "    <AD id=\"irq\" type=\"Integer\" name=\"irq\" description=\"IRQ line\" default=\"9\" min=\"0\"/>\n"
            + "    <AD id=\"debug\" type=\"Integer\" name=\"debug\" description=\"Debug level\" default=\"0\"/>\n"
            + "    <AD id=\"io-ports\" type=\"Long\" cardinality=\"4\" name=\"io\"/>\n"
            + "    <AD id=\"name\" type=\"String\" name=\"n\" description=\"%name.desc\"/>\n"
            + "    <AD id=\"verbose\" type=\"Boolean\" name=\"v\" description=\"Be verbose\"/>\n"
            + "    <AD id=\"ratio\" type=\"Double\" name=\"r\" description=\"not a parameter type\"/>\n";

    static TestModules ne() {
        return TestModules.module("ne")
                .header("Bundle-Description", "NE2000 network driver")
                .header("Bundle-Developers", "dbecker;email=becker@example.org;name=\"Donald Becker\",pgortmaker")
                .header("Bundle-License", "GPL-2.0-only;link=\"https://spdx.org/licenses/GPL-2.0-only.html\"")
                .header("Module-Alias", "isa:ne,pci:v000010ECd00008029sv*sd*bc*sc*i*")
                .header("Module-Intree", "Y")
                .header("Modux-Release", "0.1.0-modux")
                .header("Import-Package", "org.example.net;version=\"[1.0,2)\",org.modux.kernel.printk;"
                        + "version=\"[1.1,2)\",org.modux.uapi;version=\"[1.0,2)\",org.example.opt;"
                        + "resolution:=optional")
                .header("Require-Capability", "osgi.service;effective:=active;filter:=\"(objectClass=org.example"
                        + ".net.NetCore)\",osgi.service;filter:=\"(objectClass=org.example.Opt)\";resolution:="
                        + "optional,osgi.extender;filter:=\"(osgi.extender=osgi.component)\"")
                .metatype("org.example.ne", ADS)
                .resource("OSGI-INF/l10n/bundle.properties", "name.desc=Interface name\n");
    }

    @Test
    void headersAreTheModinfo() throws IOException {
        ModuleFile f = ne().read();
        assertEquals("ne", f.name());
        assertEquals("GPL-2.0-only", f.license());
        assertEquals(List.of("Donald Becker <becker@example.org>", "pgortmaker"), f.authors());
        assertEquals(List.of("isa:ne", "pci:v000010ECd00008029sv*sd*bc*sc*i*"), f.aliases());
        assertEquals("0.1.0-modux SMP mod_unload modux-api:kernel.printk-1.1 modux-api:uapi-1.0",
                f.vermagic(Set.of()));
    }

    @Test
    void parametersComeFromTheDesignatedObjectClass() throws IOException {
        assertEquals(List.of(new ModuleParam("irq", "uint", "IRQ line"), new ModuleParam("debug", "int", "Debug level"),
                new ModuleParam("io_ports", "array of long", ""), new ModuleParam("name", "charp", "Interface name"),
                new ModuleParam("verbose", "bool", "Be verbose")), ne().read().params());
    }

    @Test
    void symbolsProvidedAndNeeded() throws IOException {
        ModuleFile net = TestModules.module("net")
                .header("Export-Package", "org.example.net;version=\"1.0.0\"")
                .header("Import-Package", "org.example.net;version=\"[1.0,2)\",org.modux.kernel.printk")
                .header("Provide-Capability", "osgi.service;objectClass:List<String>=\"org.example.net.NetCore\"")
                .read();
        assertEquals(Set.of("org.example.net", "org.example.net.NetCore"), net.symbols());
        assertEquals(Set.of("org.modux.kernel.printk"), net.neededSymbols(), "its own export is not a need");
        assertEquals(List.of("org.example.net", "org.modux.kernel.printk", "org.modux.uapi",
                "org.example.net.NetCore"), List.copyOf(ne().read().neededSymbols()), "optional ones are not needs");
        assertEquals("0.1.0-modux SMP mod_unload modux-api:kernel.printk-1.1 modux-api:uapi-1.0",
                ne().read().vermagic(net.symbols()), "a package a module exports is not kernel API");
    }

    @Test
    void aBundleWithoutModuleNameIsNoModule() throws IOException {
        ModuleFile plain = TestModules.module("x").header("Module-Name", "").read();
        assertFalse(plain.isModule());
        assertThrows(IOException.class, () -> ModuleFile.read(new byte[] {1, 2, 3}));
    }

    @Test
    void versionFloors() {
        assertEquals("1.1", ModuleFile.floor("[1.1,2)"));
        assertEquals("1.2.3", ModuleFile.floor("1.2.3"));
        assertEquals("0.0", ModuleFile.floor(null));
    }
}
