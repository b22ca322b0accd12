package io.comeback.audience.links;

import io.comeback.engine.text.LinkShape;
import jakarta.enterprise.context.ApplicationScoped;

/** The service's {@link LinkShape}: short links on {@code comeback.links.base-url}, or links as written. */
@ApplicationScoped
public class ShortLinkForm {

    private final LinkShape shape;

    public ShortLinkForm(LinksConfig config) {
        this.shape = LinkShape.on(config.baseUrl().orElse(null));
    }

    public LinkShape shape() {
        return shape;
    }
}
