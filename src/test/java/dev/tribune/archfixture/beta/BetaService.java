package dev.tribune.archfixture.beta;

import dev.tribune.archfixture.alpha.internal.AlphaSecret;

/** Modularity-test fixture: uses another module's internals. */
public class BetaService {

    AlphaSecret secret = new AlphaSecret();
}
