package org.modux.kernel.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modux.kernel.module.impl.FakeMetatype.ad;
import static org.modux.kernel.module.impl.FakeMetatype.array;
import static org.modux.kernel.module.impl.FakeMetatype.ranged;
import static org.osgi.service.metatype.AttributeDefinition.BOOLEAN;
import static org.osgi.service.metatype.AttributeDefinition.INTEGER;
import static org.osgi.service.metatype.AttributeDefinition.LONG;
import static org.osgi.service.metatype.AttributeDefinition.STRING;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.modux.kernel.module.impl.ModuleParams.Param;
import org.modux.kernel.module.impl.ModuleParams.ParamException;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * insmod's parameter string (Linux: lib/cmdline.c next_arg, kernel/params.c parse_args)
 * and /sys/module/NAME/parameters/ (param_get_*, param_array_get), for parameters a
 * module declares as Metatype attributes.
 */
class ModuleParamsTest {

    private static final String PID = "org.modux.modules.hello.Hello";
    private static final String DMA_PID = "org.modux.modules.hello.Dma";

    private final ModuleParams params = ModuleParams.of(new FakeBundles().bundle("hello", "GPL"), new FakeMetatype()
            .designate(PID,
                    ad("who", STRING, "world"),
                    ranged("count", INTEGER, 1L, 10L, "1"),
                    ad("level", INTEGER),
                    ad("debug", BOOLEAN, "false"),
                    array("ids", INTEGER, 3),
                    ad("name", STRING),
                    ranged("big", LONG, 0L, null),
                    ranged("mask", INTEGER, 0L, null))
            .designate(DMA_PID, ad("use_dma", BOOLEAN, "true")));

    private static List<List<String>> args(String line) {
        return ModuleParams.nextArgs(line).stream().map(Arrays::asList).toList();
    }

    private Param param(String name) {
        return params.list().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private String show(String name) {
        return params.show(param(name));
    }

    private ParamException refused(String args) {
        return assertThrows(ParamException.class, () -> params.parse("hello", args), args);
    }

    @Test
    void nextArgSplitsAtSpacesOutsideQuotes() {
        assertEquals(List.of(List.of("a", "1"), List.of("b", "x y"), Arrays.asList("c", null)),
                args("a=1 b=\"x y\" c"));
        assertEquals(List.of(List.of("a", "1"), List.of("b", "2")), args("  a=1 \t   b=2  "));
        assertEquals(List.of(List.of("d", "e f")), args("\"d=e f\""));
        assertEquals(List.of(List.of("a", "b=c")), args("a=b=c"));
        assertEquals(List.of(List.of("e", "")), args("e="));
        assertEquals(List.of(), args(""));
        assertEquals(List.of(), args("   "));
        assertEquals(List.of(), args(null));
    }

    @Test
    void theDeclaredParametersHaveModinfoTypes() {
        assertEquals(List.of("who:charp", "count:uint", "level:int", "debug:bool", "ids:array of int",
                "name:charp", "big:ulong", "mask:uint", "use_dma:bool"),
                params.list().stream().map(p -> p.name() + ":" + p.typeName()).toList());
        assertEquals("the count", param("count").description());
    }

    @Test
    void parseGivesTheConfigurationPropertiesPerPid() throws ParamException {
        Map<String, ?> byPid = params.parse("hello", "who=\"big world\" count=0x3 level=-2 use-dma=0");
        assertEquals(Map.of(PID, Map.of("who", "big world", "count", 3, "level", -2),
                DMA_PID, Map.of("use_dma", false)), byPid);
        assertEquals("big world", show("who"));
        assertEquals("3", show("count"));
        assertEquals("-2", show("level"));
        assertEquals("N", show("use_dma"));
    }

    @Test
    void noArgumentsChangeNothing() throws ParamException {
        assertEquals(Map.of(), params.parse("hello", ""));
        assertEquals("world", show("who"));
    }

    @Test
    void anUnknownParameterIsEinvalNamedAsTyped() {
        ParamException e = refused("count=2 foo=1");
        assertEquals("hello: Unknown parameter `foo'", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno);
        assertEquals("hello: Unknown parameter `no-such'", refused("no-such").getMessage());
    }

    @Test
    void aValueTheTypeCannotTakeIsEinval() {
        ParamException e = refused("count=abc");
        assertEquals("hello: `abc' invalid for parameter `count'", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno);
        assertEquals("hello: `-1' invalid for parameter `big'", refused("big=-1").getMessage());
        assertEquals("hello: `maybe' invalid for parameter `debug'", refused("debug=maybe").getMessage());
    }

    @Test
    void aValueOutsideTheMetatypeRangeIsEinval() {
        assertEquals("hello: `0' invalid for parameter `count'", refused("count=0").getMessage());
        assertEquals("hello: `11' invalid for parameter `count'", refused("count=11").getMessage());
        assertEquals(Errno.EINVAL, refused("count=11").errno);
    }

    @Test
    void unsignedParametersTakeTheirWholeRange() throws ParamException {
        params.parse("hello", "mask=4294967295 big=18446744073709551615");
        assertEquals("4294967295", show("mask"));
        assertEquals("18446744073709551615", show("big"));
        params.parse("hello", "mask=0x80000000");
        assertEquals("2147483648", show("mask"));
    }

    @Test
    void anUnsignedValueAboveTheSignedRangeIsStillCheckedAgainstADeclaredMaximum() {
        assertEquals("hello: `4294967295' invalid for parameter `count'", refused("count=4294967295").getMessage());
        assertEquals("1", show("count"));
    }

    @Test
    void aBareNameIsTrueForABoolAndEinvalForOthers() throws ParamException {
        assertEquals(Map.of(PID, Map.of("debug", true)), params.parse("hello", "debug"));
        assertEquals("Y", show("debug"));
        ParamException e = refused("count");
        assertEquals("hello: `' invalid for parameter `count'", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno);
    }

    @Test
    void aRefusedArgumentLeavesEveryValueAsItWas() {
        refused("who=x count=2 level=zz");
        assertEquals("world", show("who"));
        assertEquals("1", show("count"));
    }

    @Test
    void anArrayTakesUpToItsCardinalityOfCommaSeparatedValues() throws ParamException {
        params.parse("hello", "ids=1,0x2,-3");
        assertEquals("1,2,-3", show("ids"));
        assertEquals("hello: `1,2,3,4' invalid for parameter `ids'", refused("ids=1,2,3,4").getMessage());
        assertEquals("hello: `1,,3' invalid for parameter `ids'", refused("ids=1,,3").getMessage());
        assertEquals("1,2,-3", show("ids"));
        params.parse("hello", "ids=7");
        assertEquals("7", show("ids"));
    }

    @Test
    void aCharpOfMoreThan1024BytesIsEnospc() throws ParamException {
        String fits = "x".repeat(ParamType.MAX_CHARP);
        params.parse("hello", "who=" + fits);
        assertEquals(fits, show("who"));

        String tooLong = fits + "x";
        ParamException e = refused("who=" + tooLong);
        assertEquals(Errno.ENOSPC, e.errno);
        assertEquals("hello: `" + tooLong + "' too large for parameter `who'", e.getMessage());
        assertEquals(fits, show("who"));
    }

    @Test
    void showPrintsDefaultsAsParamGetDoes() {
        assertEquals("world", show("who"));
        assertEquals("1", show("count"));
        assertEquals("N", show("debug"));
        assertEquals("Y", show("use_dma"));
        assertEquals("(null)", show("name"));
        assertEquals("", show("ids"));
    }

    @Test
    void setTakesASysfsWriteWithItsNewline() throws ErrnoException {
        assertEquals(5, params.set(param("count"), "5\n"));
        assertEquals("5", show("count"));
        assertEquals(Boolean.TRUE, params.set(param("debug"), "on\n"));
        assertEquals("Y", show("debug"));
        params.set(param("ids"), "4,5\n");
        assertEquals("4,5", show("ids"));
        assertEquals(Map.of("who", "world", "count", 5, "debug", true), withoutArrays(params.properties(PID)));
    }

    @Test
    void aRefusedSetKeepsTheOldValue() {
        assertEquals(Errno.EINVAL,
                assertThrows(ErrnoException.class, () -> params.set(param("count"), "42\n")).errno());
        assertEquals(Errno.ENOSPC,
                assertThrows(ErrnoException.class, () -> params.set(param("who"), "y".repeat(1025))).errno());
        assertEquals("1", show("count"));
        assertEquals("world", show("who"));
    }

    @Test
    void aBundleWithoutMetatypeHasNoParameters() {
        assertSame(ModuleParams.NONE, ModuleParams.of(new FakeBundles().bundle("plain", "GPL"), new FakeMetatype()));
        ParamException e = assertThrows(ParamException.class, () -> ModuleParams.NONE.parse("plain", "x=1"));
        assertEquals("plain: Unknown parameter `x'", e.getMessage());
    }

    @Test
    void theDeclarationsOfAnImageAreReadOnceAndEachLoadHasItsOwnValues() throws Exception {
        int[] reads = {0};
        FakeMetatype metatype = new FakeMetatype() {
            @Override
            public org.osgi.service.metatype.MetaTypeInformation getMetaTypeInformation(org.osgi.framework.Bundle b) {
                reads[0]++;
                return super.getMetaTypeInformation(b);
            }
        }.designate(PID, ad("who", STRING, "world"));
        ModuleParams.Declarations declarations = new ModuleParams.Declarations();
        FakeBundles bundles = new FakeBundles();
        byte[] image = {1, 2, 3};
        ModuleParams first = declarations.of(bundles.bundle("hello", "GPL"), metatype, image);
        first.set(first.list().get(0), "there");
        ModuleParams again = declarations.of(bundles.bundle("hello", "GPL"), metatype, image.clone());
        assertEquals(1, reads[0]);
        assertEquals("world", again.show(again.list().get(0)));
        declarations.of(bundles.bundle("hello", "GPL"), metatype, new byte[] {1, 2, 4});
        assertEquals(2, reads[0]);
    }

    private static Map<String, Object> withoutArrays(Map<String, Object> props) {
        return props.entrySet().stream().filter(e -> !e.getValue().getClass().isArray())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
