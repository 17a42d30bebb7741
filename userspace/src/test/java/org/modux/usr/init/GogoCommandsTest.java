package org.modux.usr.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.reflect.Field;

import org.apache.felix.gogo.jline.Builtin;
import org.apache.felix.gogo.jline.Posix;
import org.apache.felix.gogo.jline.Procedural;
import org.apache.felix.gogo.jline.Shell;
import org.junit.jupiter.api.Test;

/**
 * GogoCommands registers the functions gogo.jline's own activator would: its
 * table equals the lists in gogo.jline's classes, so an upgrade that changes them
 * shows here.
 */
class GogoCommandsTest {

    @Test
    void theTableIsGogoJlines() throws ReflectiveOperationException {
        assertArrayEquals(functions(Builtin.class), GogoCommands.BUILTIN);
        assertArrayEquals(functions(Procedural.class), GogoCommands.PROCEDURAL);
        assertArrayEquals(functions(Posix.class), GogoCommands.POSIX);
        assertArrayEquals(functions(Shell.class), GogoCommands.SHELL);
    }

    private static String[] functions(Class<?> commands) throws ReflectiveOperationException {
        Field f = commands.getDeclaredField("functions");
        f.setAccessible(true);
        return (String[]) f.get(null);
    }
}
