package dev.tribune.archfixture;

import org.springframework.modulith.Modulithic;

/** Modularity-test fixture: a tiny application whose module beta reaches into module alpha's internals. */
@Modulithic
public class FixtureApplication {
}
