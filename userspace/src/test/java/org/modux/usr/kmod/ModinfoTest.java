package org.modux.usr.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** modinfo's text for a module file: kmod's key padding, parameter lines, -F and -0. */
class ModinfoTest {

    private static List<String[]> info() throws IOException {
        return ModuleFileTest.ne().read().info(List.of("net"), Set.of("org.example.net"));
    }

    @Test
    void everyField() throws IOException {
        assertEquals("""
                filename:       /lib/modules/0.1.0-modux/kernel/drivers/net/ne.jar
                license:        GPL-2.0-only
                description:    NE2000 network driver
                author:         Donald Becker <becker@example.org>
                author:         pgortmaker
                alias:          isa:ne
                alias:          pci:v000010ECd00008029sv*sd*bc*sc*i*
                depends:        net
                intree:         Y
                name:           ne
                vermagic:       0.1.0-modux SMP mod_unload modux-api:kernel.printk-1.1 modux-api:uapi-1.0
                parm:           irq:IRQ line (uint)
                parm:           debug:Debug level (int)
                parm:           io_ports:array of long
                parm:           name:Interface name (charp)
                parm:           verbose:Be verbose (bool)
                """, Modinfo.format("/lib/modules/0.1.0-modux/kernel/drivers/net/ne.jar", info(), null, '\n'));
    }

    @Test
    void oneField() throws IOException {
        assertEquals("Donald Becker <becker@example.org>\npgortmaker\n", Modinfo.format("/x.jar", info(), "author", '\n'));
        assertEquals("/x.jar\n", Modinfo.format("/x.jar", info(), "filename", '\n'));
        assertEquals("irq:IRQ line (uint)\ndebug:Debug level (int)\nio_ports: (array of long)\n"
                + "name:Interface name (charp)\nverbose:Be verbose (bool)\n", Modinfo.format("/x.jar", info(), "parm", '\n'));
        assertEquals("verbose:bool\nname:charp\nio_ports:array of long\ndebug:int\nirq:uint\n",
                Modinfo.format("/x.jar", info(), "parmtype", '\n'), "raw keys come in .modinfo order");
        assertEquals("", Modinfo.format("/x.jar", info(), "nosuchfield", '\n'));
    }

    @Test
    void emptyDependsAndLongKeys() {
        List<String[]> info = List.of(new String[] {"depends", ""}, new String[] {"a_very_long_key_name", "v"},
                new String[] {"parmtype", "x:int"});
        assertEquals("filename:       /m.jar\ndepends:        \na_very_long_key_name:v\nparm:           x:int\n",
                Modinfo.format("/m.jar", info, null, '\n'));
    }

    @Test
    void nulSeparated() {
        List<String[]> info = List.of(new String[] {"license", "GPL"}, new String[] {"parm", "x:Level"});
        assertEquals("filename:       /m.jar\0license=GPL\0parm:           x:Level\0",
                Modinfo.format("/m.jar", info, null, '\0'));
    }
}
