/**
 * The reference central server of sync protocol v1 (same jar: {@code dashdesk.jar server}). A
 * force can run it as is or implement the protocol against it. It stores every revision once
 * (the database enforces it), re-grades each one and refuses any it cannot reproduce, and keeps
 * the change log clients pull supervisors' decisions from.
 */
package org.dashdesk.server;
