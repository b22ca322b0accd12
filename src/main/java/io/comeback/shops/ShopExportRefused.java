package io.comeback.shops;

import java.util.List;

/** A file sent as a shop's export that is not one: its header lacks columns the export always has. */
public final class ShopExportRefused extends RuntimeException {

    private final List<String> missing;

    public ShopExportRefused(String export, List<String> missing) {
        super("this is not " + export + ": the header lacks the column(s) " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
