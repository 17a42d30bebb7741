package org.modux.usr.kmod;

/**
 * A module parameter as modinfo shows it (Linux: the {@code parm} and
 * {@code parmtype} .modinfo keys {@code module_param} and {@code MODULE_PARM_DESC}
 * write): its name with '_' for '-' and '.', its type ({@code int},
 * {@code array of charp}) and its description, empty when the module gives none.
 */
public record ModuleParam(String name, String type, String description) {
}
