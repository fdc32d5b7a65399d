package dev.tribune.archfixture;

import com.twilio.fixture.FakeVendorType;
import dev.tribune.media.provider.fakeone.FakeOneAdapter;

/** Architecture-test fixture: core code that imports a vendor SDK and an adapter, both forbidden. */
public class LeakyCore {

    FakeVendorType vendor = new FakeVendorType();
    FakeOneAdapter adapter = new FakeOneAdapter();
}
