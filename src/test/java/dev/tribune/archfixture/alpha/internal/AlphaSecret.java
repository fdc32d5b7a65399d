package dev.tribune.archfixture.alpha.internal;

/** Modularity-test fixture: internal to module alpha. */
public class AlphaSecret {
}
