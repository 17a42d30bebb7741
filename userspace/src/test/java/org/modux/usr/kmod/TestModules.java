package org.modux.usr.kmod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Module bundles built in a test with java.util.jar: a manifest with the headers
 * given (as bnd would write them) and, optionally, a Metatype resource.
 */
final class TestModules {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();

    private TestModules() {
    }

    /** A module named {@code name}, licensed GPL-2.0-only, importing the kernel's printk API. */
    static TestModules module(String name) {
        TestModules m = new TestModules();
        m.headers.put("Bundle-SymbolicName", "org.example." + name);
        m.headers.put("Module-Name", name);
        m.headers.put("Bundle-License", "GPL-2.0-only");
        m.headers.put("Import-Package", "org.modux.kernel.printk;version=\"[1.1,2)\"");
        return m;
    }

    TestModules header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TestModules resource(String name, String text) {
        resources.put(name, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A Metatype resource whose object class, designated by pid {@code pid}, has {@code ads} as AD elements. */
    TestModules metatype(String pid, String ads) {
        return resource("OSGI-INF/metatype/" + pid + ".xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metatype:MetaData xmlns:metatype=\"http://www.osgi.org/xmlns/metatype/v1.4.0\">\n"
                + "  <OCD id=\"" + pid + "\" name=\"params\">\n" + ads + "  </OCD>\n"
                + "  <Designate pid=\"" + pid + "\"><Object ocdref=\"" + pid + "\"/></Designate>\n"
                + "</metatype:MetaData>\n");
    }

    byte[] jar() throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(buf, mf)) {
            for (Map.Entry<String, byte[]> e : resources.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return buf.toByteArray();
    }

    ModuleFile read() throws IOException {
        return ModuleFile.read(jar());
    }

    /** Writes the jar to {@code file}, creating its directories. */
    Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, jar());
    }
}
