package io.comeback.messaging;

/**
 * What else happens when a person opts out, beyond their consent and their unsent texts: the flows they are in
 * hear of it. Implemented above messaging (by enrollment), so messaging need not know how flows run.
 */
public interface OptOutFollowUp {

    void optedOut(long customerId);
}
