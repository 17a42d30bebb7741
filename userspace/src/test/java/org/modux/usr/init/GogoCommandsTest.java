package org.modux.usr.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertTable(GogoCommands.Commands.BUILTIN, Builtin.class);
        assertTable(GogoCommands.Commands.PROCEDURAL, Procedural.class);
        assertTable(GogoCommands.Commands.POSIX, Posix.class);
        assertTable(GogoCommands.Commands.SHELL, Shell.class);
    }

    private static void assertTable(GogoCommands.Commands row, Class<?> commands) throws ReflectiveOperationException {
        assertEquals(commands.getName(), row.type);
        assertArrayEquals(functions(commands), row.functions);
    }

    private static String[] functions(Class<?> commands) throws ReflectiveOperationException {
        Field f = commands.getDeclaredField("functions");
        f.setAccessible(true);
        return (String[]) f.get(null);
    }
}
