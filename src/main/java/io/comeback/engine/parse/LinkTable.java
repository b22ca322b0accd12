package io.comeback.engine.parse;

import io.comeback.engine.model.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code links:}, a mapping from a link's name to its web address. */
final class LinkTable {

    private static final Pattern URL = Pattern.compile("https?://[^\\s/$.?#][^\\s]*", Pattern.CASE_INSENSITIVE);

    private LinkTable() {}

    static List<Link> read(Node node, Problems problems, Pattern namePattern) {
        List<Link> links = new ArrayList<>();
        Optional<YamlMap> maybe = YamlMap.open(node, "links", problems, "`links`");
        if (maybe.isEmpty()) {
            return links;
        }
        YamlMap map = maybe.get();
        for (String name : map.keys()) {
            String path = map.childPath(name);
            if (!namePattern.matcher(name).matches()) {
                problems.error(
                        map.keyLocation(name),
                        path,
                        "`" + name + "` cannot be used as {{ link." + name
                                + " }}: name links with letters, digits and _, starting with a letter, e.g. `review`.");
                continue;
            }
            Optional<String> url = map.requiredText(
                            name, "write the web address, e.g. `" + name + ": https://example.com/" + name + "`.")
                    .map(String::trim);
            if (url.isEmpty()) {
                continue;
            }
            if (!URL.matcher(url.get()).matches()) {
                problems.error(
                        map.value(name).orElseThrow(),
                        path,
                        "`" + url.get() + "` is not a web address: write it in " + "full, starting with https://");
                continue;
            }
            links.add(new Link(name, url.get(), Problems.at(map.value(name).orElseThrow())));
        }
        return links;
    }
}
