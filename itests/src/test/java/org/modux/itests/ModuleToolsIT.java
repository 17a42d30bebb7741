package org.modux.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.modux.fs.File;
import org.modux.fs.OpenFlags;
import org.modux.fs.Vfs;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The kmod tools at the console, as a user types them, against the real module
 * loader: insmod, lsmod, rmmod and modinfo of the hello sample from a file in the
 * VFS, and depmod, modprobe and modinfo over a /lib/modules tree made in the
 * root ramfs, with two modules built here where one imports the other's package.
 * Output and messages are compared whole.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleToolsIT {

    static final String RELEASE = System.getProperty("modux.release");
    static final String DIR = "/lib/modules/" + RELEASE;
    static final String HEADER = "Module                  Size  Used by\n";

    @Inject
    Vfs vfs;
    @Inject
    CommandProcessor processor;

    @Configuration
    public Option[] config() {
        // Module loads log through SLF4J, which the test container binds to pax-logging's
        // console; keep it off the commands' standard output.
        return KernelOptions.boot("smp=1 dep_c.debug=1",
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("NONE"));
    }

    private Console.Result run(String line) throws Exception {
        return new Console(processor).run(line);
    }

    private void assertRun(String line, String out, String err, int status) throws Exception {
        Console.Result r = run(line);
        assertEquals(line + ": stdout", out, r.out());
        assertEquals(line + ": stderr", err, r.err());
        assertEquals(line + ": status", status, r.status());
    }

    private void mkdirs(String path) throws ErrnoException {
        StringBuilder p = new StringBuilder();
        for (String part : path.substring(1).split("/")) {
            p.append('/').append(part);
            try {
                vfs.mkdir(p.toString(), 0755);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw e;
                }
            }
        }
    }

    private void write(String path, byte[] bytes) throws ErrnoException {
        mkdirs(path.substring(0, path.lastIndexOf('/')));
        try (File f = vfs.open(path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC, 0644)) {
            f.write(ByteBuffer.wrap(bytes));
        }
    }

    private String read(String path) throws ErrnoException {
        try (File f = vfs.open(path, OpenFlags.O_RDONLY, 0)) {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (f.read(buf) > 0) {
                // until end of file
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] hello() throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("modux.bundles"), "hello.jar"));
    }

    /** A module bundle with no code: its manifest alone, as the module loader needs it. */
    private static byte[] module(String name, String... headers) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.example." + name);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Module-Name", name);
        a.putValue("Module-Intree", "Y");
        a.putValue("Bundle-License", "GPL-2.0-only");
        for (int i = 0; i < headers.length; i += 2) {
            a.putValue(headers[i], headers[i + 1]);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new JarOutputStream(buf, mf).close();
        return buf.toByteArray();
    }

    private String row(String name, int used, String holders) throws ErrnoException {
        String size = read("/sys/module/" + name + "/coresize").strip();
        return String.format("%-19s %8s  %d%s%n", name, size, used, holders.isEmpty() ? "" : " " + holders);
    }

    @After
    public void unloadAll() throws Exception {
        run("rmmod dep_b; rmmod dep_a; rmmod hello");
    }

    @Test
    public void insmodLsmodRmmodHello() throws Exception {
        write("/tmp/hello.jar", hello());
        assertRun("lsmod", HEADER, "", 0);
        assertRun("insmod /tmp/hello.jar", "", "", 0);
        assertRun("lsmod", HEADER + row("hello", 0, ""), "", 0);
        assertRun("insmod /tmp/hello.jar", "",
                "insmod: ERROR: could not insert module /tmp/hello.jar: File exists\n", 1);
        assertRun("rmmod hello", "", "", 0);
        assertRun("lsmod", HEADER, "", 0);
        assertRun("rmmod hello", "", "rmmod: ERROR: Module hello is not currently loaded\n", 1);
        assertRun("insmod /tmp/nope.jar", "",
                "insmod: ERROR: could not load module /tmp/nope.jar: No such file or directory\n", 1);
        assertRun("insmod", "", "insmod: ERROR: missing filename.\n", 1);
        assertRun("cd /tmp; insmod hello.jar", "", "", 0);
        assertRun("cd /tmp; rmmod hello.jar", "", "", 0);
        assertRun("insmod -x /tmp/hello.jar", "", "insmod: invalid option -- 'x'\n", 1);
    }

    @Test
    public void insmodOfSomethingThatIsNoModule() throws Exception {
        write("/tmp/text.jar", "not a jar\n".getBytes(StandardCharsets.UTF_8));
        assertRun("insmod /tmp/text.jar", "",
                "insmod: ERROR: could not insert module /tmp/text.jar: Invalid module format\n", 1);
        assertRun("modinfo /tmp/text.jar", "", "modinfo: ERROR: could not get modinfo from 'text': "
                + "Exec format error\n", 1);
    }

    @Test
    public void modinfoOfHello() throws Exception {
        write("/tmp/hello.jar", hello());
        assertRun("modinfo /tmp/hello.jar", """
                filename:       /tmp/hello.jar
                license:        GPL-2.0-only
                description:    Hello world module: greets when loaded (parameters whom and count) and says goodbye when unloaded
                author:         Modux developers
                depends:       \s
                intree:         Y
                name:           hello
                vermagic:       %s SMP mod_unload modux-api:kernel.printk-1.1
                parm:           count:How many times to greet (int)
                parm:           whom:Whom to greet (charp)
                """.formatted(System.getProperty("modux.release")), "", 0);
        assertRun("modinfo -F license /tmp/hello.jar", "GPL-2.0-only\n", "", 0);
        assertRun("modinfo nope", "", "modinfo: ERROR: Module nope not found.\n", 1);
    }

    @Test
    public void depmodModprobeAndDependencies() throws Exception {
        write(DIR + "/kernel/test/dep_a.jar", module("dep_a", "Export-Package", "org.example.depa;version=\"1.0.0\"",
                "Module-Alias", "fs-depa"));
        write(DIR + "/kernel/test/dep_b.jar", module("dep_b", "Import-Package",
                "org.example.depa;version=\"[1.0,2)\",org.modux.kernel.printk;version=\"[1.1,2)\""));
        write(DIR + "/kernel/test/dep_c.jar", module("dep_c"));
        assertRun("depmod", "", "", 0);
        assertEquals("kernel/test/dep_a.jar:\nkernel/test/dep_b.jar: kernel/test/dep_a.jar\nkernel/test/dep_c.jar:\n",
                read(DIR + "/modules.dep"));
        assertEquals("# Aliases extracted from modules themselves.\nalias fs-depa dep_a\n", read(DIR + "/modules.alias"));
        assertEquals("# Aliases for symbols, used by symbol_request().\nalias symbol:org.example.depa dep_a\n",
                read(DIR + "/modules.symbols"));

        assertRun("modinfo -F depends dep_b", "dep_a\n", "", 0);
        assertRun("modinfo -n fs-depa", DIR + "/kernel/test/dep_a.jar\n", "", 0);
        assertRun("modprobe -n -v dep_b level=2", "insmod " + DIR + "/kernel/test/dep_a.jar \ninsmod " + DIR
                + "/kernel/test/dep_b.jar level=2\n", "", 0);
        assertRun("modprobe -n -v dep_c", "insmod " + DIR + "/kernel/test/dep_c.jar debug=1 \n", "", 0);
        assertRun("lsmod", HEADER, "", 0);

        assertRun("modprobe -v dep_b", "insmod " + DIR + "/kernel/test/dep_a.jar \ninsmod " + DIR
                + "/kernel/test/dep_b.jar \n", "", 0);
        assertRun("lsmod", HEADER + row("dep_b", 0, "") + row("dep_a", 1, "dep_b"), "", 0);
        assertRun("modprobe dep_b", "", "", 0);
        assertRun("modprobe --first-time dep_b", "",
                "modprobe: ERROR: could not insert 'dep_b': Module already in kernel\n", 1);
        assertRun("rmmod dep_a", "", "rmmod: ERROR: Module dep_a is in use by: dep_b\n", 1);
        assertRun("modprobe -r dep_a", "", "modprobe: FATAL: Module dep_a is in use.\n", 1);
        assertRun("modprobe -r -v dep_b", "rmmod dep_b\nrmmod dep_a\n", "", 0);
        assertRun("lsmod", HEADER, "", 0);
        assertRun("modprobe nope", "", "modprobe: FATAL: Module nope not found in directory " + DIR + "\n", 1);
        assertRun("modprobe -q nope", "", "", 1);
    }

    @Test
    public void modprobeConfiguration() throws Exception {
        write(DIR + "/kernel/test/dep_a.jar", module("dep_a", "Export-Package", "org.example.depa"));
        assertRun("depmod", "", "", 0);
        write("/etc/modprobe.d/test.conf", ("alias my-dep dep_a\nblacklist dep_a\nbad line here\n")
                .getBytes(StandardCharsets.UTF_8));
        assertRun("modprobe my-dep", "", "modprobe: ERROR: /etc/modprobe.d/test.conf line 3: ignoring bad line "
                + "starting with 'bad'\n", 0);
        assertRun("lsmod", HEADER, "", 0);
        write("/etc/modprobe.d/test.conf", "alias my-dep dep_a\n".getBytes(StandardCharsets.UTF_8));
        assertRun("modprobe -v my-dep", "insmod " + DIR + "/kernel/test/dep_a.jar \n", "", 0);
        assertRun("modprobe -r my-dep", "", "", 0);
        assertRun("lsmod", HEADER, "", 0);
        vfs.unlink("/etc/modprobe.d/test.conf");
    }
}
