/**
 * The connection to Firebase: one {@code FirebaseApp} built from {@code tribune.firebase.*} when a project is
 * configured, used by sign-in (accounts) and push (notifications), and the web app config the client is given.
 * Without a project nothing here talks to anyone and Tribune works as it does without Firebase.
 */
@ApplicationModule(displayName = "Firebase")
package dev.tribune.firebase;

import org.springframework.modulith.ApplicationModule;
