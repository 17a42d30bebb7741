package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** coresize from the module image: the uncompressed entries, in whole pages. */
class ModuleImageTest {

    @Test
    void theSizeIsTheUncompressedEntriesRoundedUpToPages() throws IOException {
        assertEquals(8192, ModuleImage.size(jar(3000, 2500)));
        assertEquals(4096, ModuleImage.size(jar(10)));
        assertEquals(12288, ModuleImage.size(jar(4096, 4096, 1)));
    }

    @Test
    void anImageThatIsNotAZipHasNoSizeOfItsOwn() throws IOException {
        assertEquals(ModuleImage.UNKNOWN, ModuleImage.size("not a module".getBytes()));
        byte[] jar = jar(100);
        assertEquals(ModuleImage.UNKNOWN, ModuleImage.size(Arrays.copyOf(jar, jar.length - 30)));
    }

    /** A jar with a manifest (its size counts too) padded so that the entries sum to the sizes given. */
    private static byte[] jar(int... sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        manifest.write(m);
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            jar.write(m.toByteArray());
            jar.putNextEntry(new ZipEntry("org/"));
            for (int i = 0; i < sizes.length; i++) {
                jar.putNextEntry(new ZipEntry("org/e" + i));
                jar.write(new byte[Math.max(0, sizes[i] - (i == 0 ? m.size() : 0))]);
            }
        }
        return bytes.toByteArray();
    }
}
