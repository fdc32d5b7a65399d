package dev.tribune.media.provider.faketwo;

/** Architecture-test fixture: an adapter that another adapter wrongly uses. */
public class FakeTwoAdapter {
}
