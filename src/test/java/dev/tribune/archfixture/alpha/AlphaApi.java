package dev.tribune.archfixture.alpha;

/** Modularity-test fixture: module alpha's API. */
public class AlphaApi {
}
