package dev.tribune.media.provider.fakeone;

import dev.tribune.media.provider.faketwo.FakeTwoAdapter;

/** Architecture-test fixture: an adapter importing another adapter. */
public class FakeOneAdapter {

    FakeTwoAdapter neighbour = new FakeTwoAdapter();
}
