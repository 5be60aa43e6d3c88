package io.netrules.plugins.ovnkubernetes.ovsdb;

import io.netrules.capture.CaptureException;

/**
 * A file given as an OVN database that is none of the forms the reader knows (an OVSDB log, or
 * the JSON of ovn-nbctl/ovsdb-client): one line naming the file, which the CLI prints before
 * exiting 2, as for any input it cannot read.
 */
public class NotOvsdbException extends CaptureException {
    public NotOvsdbException(String message) {
        super(message);
    }
}
